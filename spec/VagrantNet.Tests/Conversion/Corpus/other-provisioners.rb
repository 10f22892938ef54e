Vagrant.configure("2") do |config|
  config.vm.box = "debian/bookworm64"

  config.vm.provision "ansible_local" do |ansible|
    ansible.playbook = "playbook.yml"
    ansible.install_mode = "pip"
  end

  config.vm.provision "docker" do |d|
    d.run "nginx", args: "-p 80:80"
  end

  config.vm.provision :shell, :inline => "echo every boot", :run => 'always'
  config.vm.provision "shell", inline: "echo never by default", run: "never", name: "manual"
end
