# corpus-files: setup.sh
# A VirtualBox-only project: the provider block has no vnet equivalent.
Vagrant.configure("2") do |config|
  config.vm.box = "ubuntu/jammy64"
  config.vm.network "forwarded_port", guest: 3000, host: 3000

  config.vm.provider "virtualbox" do |vb|
    vb.gui = false
    vb.memory = "2048"
    vb.customize ["modifyvm", :id, "--cpus", "2"]
  end

  config.vm.provision "shell", path: "setup.sh"
end
