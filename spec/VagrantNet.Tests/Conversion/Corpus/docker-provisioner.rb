Vagrant.configure("2") do |config|
  config.vm.box = "generic/ubuntu2204"
  config.vm.provision "docker" do |d|
    d.pull_images "nginx:latest"
    d.run "nginx", args: "-p 80:80"
  end
  config.vm.provision "shell", inline: "docker ps"
end
